/**
 * About 300 of the most frequent English words (function words first, then everyday verbs, nouns and
 * adjectives), compiled from well-known frequency lists of written and spoken English. The service
 * already knows how to say them; redefining one in a pronunciation file changes how it is recognized
 * everywhere.
 */
const words = `
a about above after again against all almost also always am an and another any anything are around
as ask at away back be because been before being below best better between big both bring but by
call came can come could day did different do does doing done down during each early easy end enough
even ever every eye far few find first for found four from get give go going good got great had half
hand has have having he head hear help her here high him his home house how i if in into is it its
just keep kind know last late leave left less let life like line little live long look made make man
many may me mean might more most much must my name need never new next night no not nothing now
number of off often old on once one only open or other our out over own part people place play point
put read right room said same saw say see seem set she should show side since small so some something
sound start still stop such sure take talk tell than that the their them then there these they thing
think this those thought three through time to today together too took turn two under until up upon
us use very want was water way we well went were what when where which while who why will with word
work world would write year yes yet you young your
able across already among answer area away become began begin body book both boy car change child
children city close country course cut door early earth eat either else face fact family father feel
few five food form free friend full girl give given got group grow hard heard hold hour idea important
job land large later learn light list love main mind money morning mother move music near often order
paper past pay person plan power problem question real reason run school second seen several short
simple six social someone state story study system ten thank those though together tomorrow tree true
try week white whole woman women young yesterday zero
`;

export const commonEnglishWords: ReadonlySet<string> = new Set(words.split(/\s+/).filter(Boolean));

/** Whether `word` (any case) is one of the most common English words. */
export function isCommonEnglishWord(word: string): boolean {
  return commonEnglishWords.has(word.toLowerCase());
}
