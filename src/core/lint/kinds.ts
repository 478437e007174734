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
 * Guesses the kind of a file from its name, for the CLI (the editor uses the language contributions,
 * which follow the same patterns). Undefined when the name says nothing.
 */
export function guessKindFromName(fileName: string): FileKind | undefined {
  const name = fileName.replace(/^.*[\\/]/, '').toLowerCase();
  if (/\.(structured\.)?md$/.test(name) && !/^readme\.md$/.test(name)) return 'structured-text';
  if (/(^|[._-])(pron|pronunciation|lexicon)s?([._-][^.]*)?\.txt$/.test(name)) return 'pronunciation';
  if (/(^|[._-])(trans|transcript|transcription)s?([._-][^.]*)?\.(txt|tsv)$/.test(name) || name.endsWith('.tsv')) return 'transcript';
  if (/(^|[._-])(related|corpus|language|text)([._-][^.]*)?\.txt$/.test(name)) return 'related-text';
  return undefined;
}
