import { alignedPairs } from '../aligned-pairs';
import { opLetters, type ScoreRun } from '../report';
import type { SystemScore } from '../score';

/**
 * sclite's own formats, from our alignment: `trn` files of the normalized texts (so sclite can score
 * exactly what we scored) and a `pra`-like alignment listing. The text forms (`trnText`, `praText`)
 * take words as text and alignments as letters, so a score run and a stored report share them.
 */

/** One utterance's normalized words (space-separated) and alignment letters (C, S, D, I). */
export interface AlignedText {
  id: string;
  ref: string;
  hyp: string;
  alignment: string;
  missing?: boolean;
}

export interface PraHeader {
  reference: string;
  hypotheses: string;
  normalization: string;
}

/** `words (id)` per utterance; `which` is the reference or a system's hypotheses. */
export function formatTrn(run: ScoreRun, which: 'reference' | SystemScore): string {
  const system = which === 'reference' ? run.systems[0] : which;
  if (!system) return '';
  return trnText(system.utterances.map((u) => ({ id: u.id, text: run.vocabulary.text(which === 'reference' ? u.ref : u.hyp) })));
}

export function formatPra(run: ScoreRun, system: SystemScore): string {
  const header = { reference: run.reference.path, hypotheses: system.hyp.path, normalization: run.normalizer.description };
  return praText(
    header,
    system.utterances.map((u) => ({ id: u.id, ref: run.vocabulary.text(u.ref), hyp: run.vocabulary.text(u.hyp), alignment: opLetters(u.ops), missing: u.missing })),
  );
}

export function trnText(lines: Iterable<{ id: string; text: string }>): string {
  let out = '';
  for (const line of lines) out += `${line.text} (${line.id})\n`;
  return out;
}

/**
 * Like sclite's `-o pra`: per utterance its counts, then REF, HYP and Eval rows with the words in
 * columns; errors in capitals, a deleted or inserted word faced by `***`.
 */
export function praText(header: PraHeader, utterances: Iterable<AlignedText>): string {
  const out: string[] = [`Reference: ${header.reference}`, `Hypotheses: ${header.hypotheses}`, `Normalization: ${header.normalization}`, ''];
  for (const u of utterances) {
    const ref: string[] = [];
    const hyp: string[] = [];
    const evaluation: string[] = [];
    const counts = { C: 0, S: 0, D: 0, I: 0 };
    for (const pair of alignedPairs(u.ref, u.hyp, u.alignment)) {
      counts[pair.op]++;
      const r = pair.ref ?? '';
      const h = pair.hyp ?? '';
      if (pair.op === 'C') {
        ref.push(r);
        hyp.push(h);
        evaluation.push('');
      } else {
        const stars = '*'.repeat(Math.max(length(r), length(h), 3));
        ref.push(pair.op === 'I' ? stars : r.toUpperCase());
        hyp.push(pair.op === 'D' ? stars : h.toUpperCase());
        evaluation.push(pair.op);
      }
    }
    const widths = ref.map((r, k) => Math.max(length(r), length(hyp[k]!), evaluation[k]!.length));
    const row = (cells: string[]) => cells.map((c, k) => c + ' '.repeat(widths[k]! - length(c))).join(' ').trimEnd();
    out.push(
      `id: (${u.id})`,
      `Scores: (#C #S #D #I) ${counts.C} ${counts.S} ${counts.D} ${counts.I}${u.missing ? '  (no hypothesis)' : ''}`,
      `REF:  ${row(ref)}`,
      `HYP:  ${row(hyp)}`,
      `Eval: ${row(evaluation)}`,
      '',
    );
  }
  return out.join('\n');
}

/** Display width in code points (close enough for a text listing). */
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
