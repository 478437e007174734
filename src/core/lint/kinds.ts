/** The dataset file kinds the linter understands; one VS Code language each. */
export const fileKinds = ['transcript', 'pronunciation', 'related-text', 'structured-text'] as const;
export type FileKind = (typeof fileKinds)[number];

export function isFileKind(value: string): value is FileKind {
  return (fileKinds as readonly string[]).includes(value);
}

/** VS Code language id of each kind (contributed in package.json). */
export const languageIdOf: Record<FileKind, string> = {
  transcript: 'custom-speech-transcript',
  pronunciation: 'custom-speech-pronunciation',
  'related-text': 'custom-speech-related-text',
  'structured-text': 'custom-speech-structured-text',
};

export function kindOfLanguageId(languageId: string): FileKind | undefined {
  return fileKinds.find((kind) => languageIdOf[kind] === languageId);
}

/**
 * File name patterns of each kind (`*` = any characters), matched against the base name without
 * regard to case. package.json contributes the same patterns to VS Code (a unit test keeps them equal).
 */
export const filenamePatterns: Record<FileKind, readonly string[]> = {
  transcript: ['trans.txt', '*.trans.txt', 'transcript*.txt', '*.transcript.txt', '*.trans.tsv', '*.transcript.tsv'],
  pronunciation: ['pron.txt', '*.pron.txt', 'pronunciation*.txt', '*.pronunciation.txt', '*.lexicon.txt'],
  'related-text': ['related*.txt', '*.related.txt', '*.corpus.txt'],
  'structured-text': ['structured*.md', '*.structured.md'],
};

const patternRegexes = fileKinds.map((kind) => ({
  kind,
  regexes: filenamePatterns[kind].map((pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i')),
}));

/** The kind a file name implies, or undefined when it says nothing (the CLI then asks for --kind). */
export function guessKindFromName(fileName: string): FileKind | undefined {
  const name = fileName.replace(/^.*[\\/]/, '');
  return patternRegexes.find(({ regexes }) => regexes.some((regex) => regex.test(name)))?.kind;
}
