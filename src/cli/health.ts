import type { Command } from 'commander';

export function healthCommand(_program: Command): void {}
