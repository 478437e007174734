// Entry of dist/cli-lint.js: the lint command alone, so it starts fast (see src/cli.ts).
export { runLint } from './lint-command';
