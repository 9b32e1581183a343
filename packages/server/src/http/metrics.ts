import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StoreHealth, Backlog } from '../store/store-health.js';

/** What the server counts for Prometheus: requests by route and status, their latency, and what waits in the store. */
export interface ServerMetrics {
  /** One answered request: the route's pattern (never the path, which can carry ids), its status and its duration. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** The metrics in Prometheus' text format, with the backlog read from the store now. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  store: StoreHealth;
  clock?: () => Date;
  /** Node's own process metrics (CPU, memory, event loop lag, …) as well. Default true. */
  processMetrics?: boolean;
}

// Upper bounds in seconds: most answers take milliseconds; the last ones show a slow database or a large report.
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Metrics in a registry of their own (not prom-client's global one), so that two apps in one process, as in tests,
 * never share counts. The backlog is one query per scrape, shared by the gauges that show it; a scrape whose query
 * fails shows `civicflow_store_up 0` instead of failing as a whole.
 */
export function createServerMetrics(options: MetricsOptions): ServerMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const clock = options.clock ?? (() => new Date());
  const registers = [registry];

  const requests = new Counter({
    name: 'civicflow_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'civicflow_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being ready, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });

  let scrape: { at: number; backlog: Promise<Backlog | undefined> } | undefined;
  // The gauges below are collected together for one scrape: they share one query.
  const backlog = () => {
    const now = Date.now();
    if (!scrape || now - scrape.at > 500) scrape = { at: now, backlog: options.store.backlog(clock()).catch(() => undefined) };
    return scrape.backlog;
  };
  new Gauge({
    name: 'civicflow_store_up',
    help: '1 if the last scrape could read the store, else 0',
    registers,
    async collect() {
      this.set((await backlog()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'civicflow_outbox_messages',
    help: 'Outbox messages waiting to be delivered (pending) or given up after their last attempt (dead)',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      const b = await backlog();
      // Without a reading the gauge shows nothing, rather than the last scrape's counts.
      if (!b) return this.reset();
      this.set({ state: 'pending' }, b.outboxPending);
      this.set({ state: 'dead' }, b.outboxDead);
    },
  });
  new Gauge({
    name: 'civicflow_timers_due',
    help: 'Deadlines whose time has come and that no scheduler has fired yet',
    registers,
    async collect() {
      const b = await backlog();
      if (b) this.set(b.timersDue);
      else this.reset();
    },
  });
  const pool = options.store.pool();
  if (pool) {
    new Gauge({
      name: 'civicflow_db_pool_connections',
      help: "This process's PostgreSQL connections: in use, idle, and the pool's maximum",
      labelNames: ['state'] as const,
      registers,
      collect() {
        const p = options.store.pool()!;
        this.set({ state: 'in_use' }, p.total - p.idle);
        this.set({ state: 'idle' }, p.idle);
        this.set({ state: 'max' }, p.max);
      },
    });
    new Gauge({
      name: 'civicflow_db_pool_waiting',
      help: 'Queries waiting for a free PostgreSQL connection in this process',
      registers,
      collect() {
        this.set(options.store.pool()!.waiting);
      },
    });
  }

  return {
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
