// The batch CLI's entry. V8's young generation is sized first (young-generation.ts); the CLI and
// everything it imports are loaded after it, dynamically: static imports would be evaluated
// before any code of this module runs (and a bundler hoists them the same way).
import './young-generation.ts';

await import('./batch-cli.ts');
