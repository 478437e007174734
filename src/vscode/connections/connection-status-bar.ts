import * as vscode from 'vscode';
import { describeConnection } from '../../core/connections/connection';
import type { ConnectionManager } from './connection-manager';
import type { EngineState } from './local-engine';

const engineStateText: Record<EngineState['kind'], string> = {
  stopped: 'not running; it starts when needed',
  starting: 'starting…',
  running: 'running',
  failed: 'stopped after repeated crashes — see the log',
};

/** The active connection in the status bar ("$(server) Local engine", "$(azure) westeurope"); a click switches. */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('customSpeech.connection', vscode.StatusBarAlignment.Left, 10);
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly connections: ConnectionManager) {
    this.item.name = 'Custom Speech Connection';
    this.item.command = 'customSpeech.switchConnection';
    this.listeners = [connections.onDidChangeConnection(() => this.update()), connections.engine.onDidChangeState(() => this.update())];
    this.update();
    this.item.show();
  }

  /** What the item shows now (for tests). */
  get text(): string {
    return this.item.text;
  }

  private update(): void {
    const connection = this.connections.active;
    const tooltip = new vscode.MarkdownString(`**Custom Speech:** ${describeConnection(connection)}`);
    if (!this.connections.connected) {
      this.item.text = '$(debug-disconnect) Custom Speech: not connected';
      this.item.tooltip = 'Custom Speech is not connected. Click to connect.';
      this.item.backgroundColor = undefined;
      return;
    }
    if (connection.kind === 'local') {
      const state = this.connections.engine.state;
      this.item.text = `$(${state.kind === 'failed' ? 'error' : state.kind === 'starting' ? 'loading~spin' : 'server'}) ${connection.label}`;
      tooltip.appendMarkdown(`\n\nEngine: ${engineStateText[state.kind]}${state.kind === 'running' ? ` at ${state.url} (pid ${state.pid}${state.shared ? ", another window's" : ''})` : ''}`);
      this.item.backgroundColor = state.kind === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    } else {
      this.item.text = `$(azure) ${connection.label}`;
      this.item.backgroundColor = undefined;
    }
    tooltip.appendMarkdown('\n\nClick to switch connections.');
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
    this.item.dispose();
  }
}
