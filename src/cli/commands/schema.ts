import type { Command } from 'commander';
import { out } from '../context.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of topology files (for editor completion)')
    .action(async () => {
      const [{ z }, { topologySchema }] = await Promise.all([import('zod'), import('../../topology/schema.js')]);
      const schema = z.toJSONSchema(topologySchema, { io: 'input' });
      out(JSON.stringify({ ...schema, title: 'lab topology' }, null, 2));
    });
}
