import { praText, trnText } from '../../scoring/format/sclite';
import type { ReportModel } from '../report-model';

/**
 * sclite's formats from a stored report, by the same code as `custom-speech score`: a trn file of
 * the reference or of one system's normalized hypotheses (system 0, A, by default, as `score`).
 */
export function reportTrn(model: ReportModel, which: 'reference' | number = 0): string {
  if (which !== 'reference' && !model.systems[which]) return '';
  return trnText(model.utterances.map((u) => ({ id: u.id, text: which === 'reference' ? u.ref : u.systems[which]!.hyp })));
}

/** The alignments of every system, one pra listing after the other (as `score --format pra`). */
export function reportPra(model: ReportModel): string {
  const reference = model.reference?.path ?? model.meta.testDataset?.name ?? 'reference';
  return model.systems
    .map((system, index) =>
      praText(
        { reference, hypotheses: system.path ?? system.name, normalization: model.normalization.description },
        model.utterances.map((u) => ({ id: u.id, ref: u.ref, hyp: u.systems[index]!.hyp, alignment: u.systems[index]!.alignment, missing: u.systems[index]!.missing === true })),
      ),
    )
    .join('\n');
}
