/** What to tell someone whose machine lacks the local engine's native parts (scripts/setup.sh installs them). */
export const SETUP_HINT =
  'Run `npm run setup`, or install the Debian/Ubuntu packages yourself: `sudo apt-get install pocketsphinx pocketsphinx-en-us`.';
