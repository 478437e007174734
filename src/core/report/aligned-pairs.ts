// Kept here for the report's webview, which imports it from the report's folder; the scoring's
// sclite formatter uses the same expansion, so it lives with the scoring.
export { alignedPairs, type AlignedPair } from '../scoring/aligned-pairs';
