/**
 * The first import of every command module, so that it runs before any schema is built (zod's
 * object schemas read the setting when they are created; ES modules evaluate in import order).
 * In the one-shot binary, zod checks objects by interpreting their schemas instead of compiling
 * a checker for each object schema on its first use, which costs more than it saves when
 * every schema is used once. Loading stays one module graph, read concurrently.
 */
import { config } from 'zod';
import { isOneShotProcess } from '../one-shot.js';

if (isOneShotProcess()) config({ jitless: true });
