// commander, loaded by require: its ES module entry only re-exports the CommonJS build, and importing that makes
// Node parse the build's source for its export names first, about 3 ms of every start.
import { createRequire } from 'node:module';
import type * as Commander from 'commander';

const commander = createRequire(import.meta.url)('commander') as typeof Commander;

export const Argument = commander.Argument;
export type Argument = Commander.Argument;
export const Command = commander.Command;
export const CommanderError = commander.CommanderError;
export type CommanderError = Commander.CommanderError;
export type Command = Commander.Command;
export const Help = commander.Help;
export type Help = Commander.Help;
export const Option = commander.Option;
export type Option = Commander.Option;
export type { HelpConfiguration } from 'commander';
