import type { Command } from 'commander';
import { z } from 'zod';
import { topologySchema } from '../../topology/schema.js';
import { out } from '../context.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of topology files (for editor completion)')
    .action(() => {
      const schema = z.toJSONSchema(topologySchema, { io: 'input' });
      out(JSON.stringify({ ...schema, title: 'lab topology' }, null, 2));
    });
}
