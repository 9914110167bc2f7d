import { describeEachDb } from '../helpers/db.js';
import { crossCheck, DATASETS } from './cross-check.js';
import { generate } from './fixtures-random.js';

for (const ds of DATASETS) {
  describeEachDb(`randomized cross-check: ${ds.name}, ${generate(ds.gen).length} events`, (t) => crossCheck(ds, t));
}
