import { evaluationMetrics } from '../../core/api/schemas';
import type { SettledEvent } from '../tree/service-tree';

/** What a notification says when something finishes, and the commands it offers next. */
export interface NextStep {
  severity: 'info' | 'error';
  message: string;
  actions: { title: string; command: string }[];
}

const percent = (rate: number | undefined) => (rate === undefined ? '?' : `${(rate * 100).toFixed(1)}%`);

export function nextStepOf(event: SettledEvent): NextStep {
  const name = event.entity.displayName;
  const error = (event.entity.properties as { error?: { message?: string } } | undefined)?.error?.message;
  if (event.entity.status === 'Failed') {
    const what = { dataset: 'The import of dataset', customModel: 'The training of model', evaluation: 'The evaluation', endpoint: 'The deployment of endpoint' }[event.type];
    return {
      severity: 'error',
      message: `${what} '${name}' failed${error ? `: ${error}` : '.'}`,
      actions: event.type === 'dataset' ? [{ title: 'Show Validation Report', command: 'customSpeech.showValidationReport' }] : [{ title: 'Show Log', command: 'customSpeech.showLog' }],
    };
  }
  switch (event.type) {
    case 'dataset': {
      const p = event.entity.properties;
      const lines = p?.acceptedLineCount === undefined ? '' : ` (${p.acceptedLineCount} lines${p.rejectedLineCount ? `, ${p.rejectedLineCount} rejected` : ''})`;
      const testable = event.entity.kind === 'Acoustic' || event.entity.kind === 'AudioFiles';
      return {
        severity: 'info',
        message: `Dataset '${name}' is imported${lines}.`,
        actions: [
          ...(event.entity.kind === 'AudioFiles' ? [] : [{ title: 'Train Model', command: 'customSpeech.trainModel' }]),
          ...(testable ? [{ title: 'Test Model', command: 'customSpeech.testModel' }] : []),
          ...(p?.rejectedLineCount ? [{ title: 'Show Validation Report', command: 'customSpeech.showValidationReport' }] : []),
        ],
      };
    }
    case 'customModel':
      return {
        severity: 'info',
        message: `Model '${name}' is trained.`,
        actions: [
          { title: 'Test Model', command: 'customSpeech.testModel' },
          { title: 'Deploy', command: 'customSpeech.deployModel' },
        ],
      };
    case 'evaluation': {
      const m1 = evaluationMetrics(event.entity, 1);
      const m2 = evaluationMetrics(event.entity, 2);
      const wer = m1.wordErrorRate === undefined && m2.wordErrorRate === undefined ? '' : `: word error rate ${percent(m1.wordErrorRate)} → ${percent(m2.wordErrorRate)}`;
      return { severity: 'info', message: `Evaluation '${name}' is done${wer}.`, actions: [{ title: 'Open Report', command: 'customSpeech.openEvaluationReport' }, { title: 'Show in View', command: 'customSpeech.revealInTree' }] };
    }
    case 'endpoint':
      return { severity: 'info', message: `Endpoint '${name}' is deployed.`, actions: [{ title: 'Transcribe a File', command: 'customSpeech.transcribeFile' }] };
  }
}
