/** Extensions dropped from ids, so `call-1.wav` in a transcript matches `(call-1)` in a trn file. */
const AUDIO_EXTENSIONS = new Set(['.wav', '.mp3', '.ogg', '.opus', '.flac', '.m4a', '.webm']);
const LONGEST_EXTENSION = 5;

/** Characters that may need work; ids such as `spk1_utt01` have none and are returned at once (one character class: no backtracking). */
const MAY_CHANGE = /[\s/\\?#%:.]/;

const ASCII = /^[\x00-\x7f]*$/;

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const DOT = 0x2e;

/**
 * The id that matches references and hypotheses across formats: the basename after the last `/` or `\`,
 * without a trailing audio extension, trimmed. Names that look like URLs (a scheme, or a query string)
 * lose their query and fragment and are percent-decoded, so an Azure `source` such as
 * `https://x.blob.core.windows.net/calls/a%20b.WAV?sv=…` becomes `a b`. Plain names are not decoded:
 * a local file may really be called `50%25.wav`. Non-ASCII ids are put in Unicode NFC.
 *
 * Called once per line of 100,000-line files: it scans with charCodeAt, as `lastIndexOf` is a slow call in V8.
 */
export function canonicalId(name: string): string {
  // Composed and decomposed accents (a name typed here, a file name from macOS) are the same id.
  if (!ASCII.test(name)) name = name.normalize('NFC');
  if (!MAY_CHANGE.test(name)) return name;
  let id = name.trim();
  const isUrl = id.includes('://') || id.includes('?');
  if (isUrl) id = beforeFirst(beforeFirst(id, '?'), '#');
  id = id.slice(afterLastSeparator(id));
  if (isUrl) id = percentDecoded(id);
  return withoutAudioExtension(id).trim();
}

function beforeFirst(text: string, mark: string): string {
  const at = text.indexOf(mark);
  return at < 0 ? text : text.slice(0, at);
}

function afterLastSeparator(path: string): number {
  for (let i = path.length - 1; i >= 0; i--) {
    const code = path.charCodeAt(i);
    if (code === SLASH || code === BACKSLASH) return i + 1;
  }
  return 0;
}

/** A name that is only an extension (`.wav`) stays as it is rather than becoming empty. */
function withoutAudioExtension(name: string): string {
  for (let i = name.length - 1; i > 0 && i >= name.length - LONGEST_EXTENSION; i--) {
    if (name.charCodeAt(i) === DOT) return AUDIO_EXTENSIONS.has(name.slice(i).toLowerCase()) ? name.slice(0, i) : name;
  }
  return name;
}

/** A stray `%` (not a valid escape) leaves the name as written instead of failing the whole read. */
function percentDecoded(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
