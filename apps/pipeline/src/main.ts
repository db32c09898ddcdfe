// The main job's entry. Source maps are switched on first, for the app's own code only
// (source-maps.ts); the CLI and everything it imports load after it, dynamically: static imports
// would be loaded before any code of this module runs (and a bundler hoists them the same way).
import './source-maps.ts';

await import('./pipeline-cli.ts');
