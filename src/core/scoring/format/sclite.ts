import { CORRECT, DELETION, INSERTION, SUBSTITUTION } from '../align';
import type { ScoreRun } from '../report';
import type { SystemScore } from '../score';

/**
 * sclite's own formats, from our alignment: `trn` files of the normalized texts (so sclite can score
 * exactly what we scored) and a `pra`-like alignment listing.
 */

/** `words (id)` per utterance; `which` is the reference or a system's hypotheses. */
export function formatTrn(run: ScoreRun, which: 'reference' | SystemScore): string {
  const system = which === 'reference' ? run.systems[0] : which;
  if (!system) return '';
  let out = '';
  for (const u of system.utterances) out += `${run.vocabulary.text(which === 'reference' ? u.ref : u.hyp)} (${u.id})\n`;
  return out;
}

/**
 * Like sclite's `-o pra`: per utterance its counts, then REF, HYP and Eval rows with the words in
 * columns; errors in capitals, a deleted or inserted word faced by `***`.
 */
export function formatPra(run: ScoreRun, system: SystemScore): string {
  const out: string[] = [`Reference: ${run.reference.path}`, `Hypotheses: ${system.hyp.path}`, `Normalization: ${run.normalizer.description}`, ''];
  for (const u of system.utterances) {
    const ref: string[] = [];
    const hyp: string[] = [];
    const evaluation: string[] = [];
    let i = 0;
    let j = 0;
    for (const op of u.ops) {
      const r = op !== INSERTION ? run.vocabulary.word(u.ref[i++]!) : '';
      const h = op !== DELETION ? run.vocabulary.word(u.hyp[j++]!) : '';
      if (op === CORRECT) {
        ref.push(r);
        hyp.push(h);
        evaluation.push('');
      } else {
        const stars = '*'.repeat(Math.max(length(r), length(h), 3));
        ref.push(op === INSERTION ? stars : upper(r));
        hyp.push(op === DELETION ? stars : upper(h));
        evaluation.push(op === SUBSTITUTION ? 'S' : op === DELETION ? 'D' : 'I');
      }
    }
    const widths = ref.map((r, k) => Math.max(length(r), length(hyp[k]!), evaluation[k]!.length));
    const row = (cells: string[]) => cells.map((c, k) => c + ' '.repeat(widths[k]! - length(c))).join(' ').trimEnd();
    out.push(
      `id: (${u.id})`,
      `Scores: (#C #S #D #I) ${u.correct} ${u.substitutions} ${u.deletions} ${u.insertions}${u.missing ? '  (no hypothesis)' : ''}`,
      `REF:  ${row(ref)}`,
      `HYP:  ${row(hyp)}`,
      `Eval: ${row(evaluation)}`,
      '',
    );
  }
  return out.join('\n');
}

function upper(word: string): string {
  return word.toUpperCase();
}

/** Display width in code points (close enough for a text listing). */
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
