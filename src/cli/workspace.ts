import type { Command } from 'commander';

export function workspaceCommand(_program: Command): void {}
