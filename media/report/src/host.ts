import type { ReportViewState, WebviewToHost } from '../../../src/core/report/protocol';

/** What the app needs from where it runs: the VS Code webview, or a self-contained exported HTML file. */
export interface Host {
  mode: 'webview' | 'standalone';
  post(message: WebviewToHost): void;
  getState(): ReportViewState | undefined;
  setState(state: ReportViewState): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's API when running inside VS Code (it may be acquired only once), else undefined. */
export function webviewHost(): Host | undefined {
  if (typeof acquireVsCodeApi !== 'function') return undefined;
  const api = acquireVsCodeApi();
  return {
    mode: 'webview',
    post: (message) => api.postMessage(message),
    getState: () => (isViewState(api.getState()) ? (api.getState() as ReportViewState) : undefined),
    setState: (state) => api.setState(state),
  };
}

/** Standalone HTML: nothing to post to, no state kept. */
export function standaloneHost(): Host {
  return { mode: 'standalone', post: () => undefined, getState: () => undefined, setState: () => undefined };
}

function isViewState(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { reportKey?: unknown }).reportKey === 'string';
}
