/**
 * A small, deterministic speech domain for the adaptation proof: what customers tell a bike shop,
 * full of part and brand names the generic model barely knows. Sentences come from templates filled
 * by a seeded generator, so every run trains and tests on the same text.
 */
import { mulberry32 } from '../../../src/core/scoring/significance';

const PARTS = ['rear derailleur', 'front derailleur', 'bottom bracket', 'dropper post', 'cassette', 'chainring', 'headset', 'brake caliper', 'disc rotor', 'tubeless valve', 'freehub', 'crankset', 'thru axle', 'shifter', 'brake lever', 'jockey wheel'];
const BRANDS = ['Shimano', 'SRAM', 'Campagnolo', 'XTR', 'GX', 'Hope', 'Fox', 'RockShox'];
const BIKES = ['gravel bike', 'road bike', 'mountain bike', 'cargo bike', 'folding bike', 'tandem', 'commuter', 'hardtail'];
const FAULTS = ['creaks', 'skips', 'rattles', 'squeaks', 'wobbles', 'sticks', 'slips', 'rubs'];
const WHEN = ['on every climb', 'when i pedal hard', 'after the rain', 'in the big gear', 'since the last service', 'on rough gravel'];

const TEMPLATES: ((pick: <T>(items: readonly T[]) => T) => string)[] = [
  (p) => `my ${p(BRANDS)} ${p(PARTS)} ${p(FAULTS)} ${p(WHEN)}`,
  (p) => `can you replace the ${p(PARTS)} on my ${p(BIKES)}`,
  (p) => `the ${p(PARTS)} on my ${p(BIKES)} ${p(FAULTS)} ${p(WHEN)}`,
  (p) => `how much to service a ${p(BRANDS)} ${p(PARTS)}`,
  (p) => `please bleed the ${p(BRANDS)} brakes on my ${p(BIKES)}`,
  (p) => `i need a new ${p(PARTS)} for my ${p(BIKES)}`,
  (p) => `is the ${p(BRANDS)} ${p(PARTS)} in stock`,
  (p) => `my ${p(BIKES)} ${p(FAULTS)} since you fitted the ${p(BRANDS)} ${p(PARTS)}`,
  (p) => `could you true the wheel and check the ${p(PARTS)}`,
  (p) => `when can you fit a ${p(BRANDS)} ${p(PARTS)} to my ${p(BIKES)}`,
];

/** Display forms the speech says as letters or unusually: the Pronunciation dataset ("display<TAB>spoken"). */
export const PRONUNCIATIONS = ['SRAM\tess ram', 'XTR\tex tee are', 'GX\tgee ex', 'RockShox\trock shocks', 'Campagnolo\tcamp an yolo'];

export interface BikeShopText {
  /** Related text (the Language dataset); its first sentences are also the adaptation audio's transcripts. */
  related: string[];
  /** Test sentences: never in `related`. */
  test: string[];
}

/** `relatedCount` distinct training sentences and `testCount` distinct test sentences that are not among them. */
export function bikeShopText(relatedCount: number, testCount: number, seed = 20260115): BikeShopText {
  const random = mulberry32(seed); // the same sentences on every machine and run
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const seen = new Set<string>();
  const next = () => {
    for (;;) {
      const sentence = pick(TEMPLATES)(pick);
      if (!seen.has(sentence)) {
        seen.add(sentence);
        return sentence;
      }
    }
  };
  const related = Array.from({ length: relatedCount }, next);
  const test = Array.from({ length: testCount }, next);
  return { related, test };
}
