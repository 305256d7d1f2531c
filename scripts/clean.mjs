// Removes build output so a renamed source file never leaves a stale module in dist/.
import {rmSync} from 'node:fs';
for (const path of ['dist', 'custom-elements.json']) rmSync(path, {recursive: true, force: true});
