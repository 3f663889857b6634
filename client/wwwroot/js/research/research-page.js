// The research page: start validation runs, follow their progress, read their results, download exports.

import { startPage } from '../page.js';
import { byId } from '../dom.js';
import { RunForm } from './run-form.js';
import { RunTable } from './run-table.js';
import { shortId } from '../format.js';
import { RunResults } from './run-results.js';

startPage('research', async ({ api, notices }) => {
  const results = new RunResults(byId('results'), api, notices, () => [...table.runs.values()]);
  const table = new RunTable(byId('run-rows'), api, notices, {
    onSelect: run => results.show(run),
    onFinished: run => { if (table.selected === run.id) results.show(run); },
  });
  const form = new RunForm(async request => {
    try {
      const run = await api.startRun(request);
      table.add({ status: 'queued', done: 0, total: 0, ...request, ...run });
      table.select(run.id);
      notices.info(`Run ${shortId(run.id)} started.`);
    } catch (error) {
      notices.error(error, { context: 'Starting the run' });
    }
  }, notices);
  byId('refresh-runs').addEventListener('click', () => table.load());

  try {
    form.setModels((await api.modelInfo())?.models ?? []);
  } catch (error) {
    form.setModels([]);
    notices.error(error, { context: 'Loading the models' });
  }
  await table.load();
});
