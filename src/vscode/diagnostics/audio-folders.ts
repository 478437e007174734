import * as path from 'node:path';
import * as vscode from 'vscode';
import { CachedAudioFolder } from '../../core/formats/cached-audio-folder';
import { DiskAudioFolder } from '../../core/formats/disk-audio-folder';

/**
 * One cached audio folder per transcript folder, kept fresh by a file watcher on WAV files.
 * `onDidChange` tells the diagnostics to re-check transcripts when audio appears, changes or goes.
 */
export class AudioFolders implements vscode.Disposable {
  private readonly folders = new Map<string, CachedAudioFolder>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the folder path whose audio changed. */
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*.[wW][aA][vV]');

  constructor() {
    const onFile = (uri: vscode.Uri) => this.invalidate(uri);
    this.watcher.onDidCreate(onFile);
    this.watcher.onDidChange(onFile);
    this.watcher.onDidDelete(onFile);
  }

  /** The audio folder beside a transcript on disk; undefined for untitled or virtual documents. */
  forDocument(uri: vscode.Uri): CachedAudioFolder | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = path.dirname(uri.fsPath);
    let cached = this.folders.get(folder);
    if (!cached) {
      cached = new CachedAudioFolder(new DiskAudioFolder(folder));
      this.folders.set(folder, cached);
    }
    return cached;
  }

  private invalidate(uri: vscode.Uri): void {
    // A file in a subfolder may be named as `sub/x.wav` by a transcript above it: invalidate the chain.
    for (const [folder, cached] of this.folders) {
      const relative = path.relative(folder, uri.fsPath);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      cached.invalidate(relative.split(path.sep).join('/'));
      this.changed.fire(folder);
    }
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
    this.folders.clear();
  }
}
