// Entry of dist/cli-commands.js: every command but lint (see src/cli.ts).
export { runScore } from './score-command';
export { runReport } from './report-command';
export { runServe } from './serve-command';
export { runUpload } from './upload-command';
export { runTrain } from './train-command';
export { runTestCommand } from './test-command';
export { runDatasets } from './entities/datasets';
export { runModels } from './entities/models';
export { runEvaluations } from './entities/evaluations';
export { runEndpoints } from './entities/endpoints';
