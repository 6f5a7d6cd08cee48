import type { Command } from 'commander';
import { out } from '../context.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of topology files (for editor completion)')
    .action(async () => {
      const { topologyJsonSchema } = await import('../../topology/schema.js');
      out(JSON.stringify(topologyJsonSchema(), null, 2));
    });
}
