// The entry of the designer's bundle for `civicflow dev` (scripts/build-embed.mjs): the designer and, for its
// preview, the widget. Plain JavaScript so that type checks never load the widget's built declarations beside
// its sources.
import '@civicflow/elements/define';
import './define.ts';
