// One group of a bench module's tasks, measured in a process of its own (see `measure` in measure.mjs): the parent
// sends the module, the task names and the options, and gets the measurements back.
import { measureHere } from './measure.mjs';

process.once('message', async ({ module, group, options }) => {
  try {
    const all = await (await import(module)).tasks();
    const tasks = {};
    for (const name of group) {
      if (typeof all[name] !== 'function') throw new Error(`the module has no task "${name}"`);
      tasks[name] = all[name];
    }
    const result = await measureHere(tasks, options);
    process.send({ result }, () => process.exit(0));
  } catch (e) {
    process.send({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, () => process.exit(1));
  }
});
