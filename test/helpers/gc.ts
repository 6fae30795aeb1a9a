import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Node's collector, exposed at run time so a test file needs no special worker flags. */
export function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
