// The dashboard: our panels (silos and their models, the activation cache, research runs) refreshed every
// two seconds, and the Orleans dashboard (silos, grains, methods, reminders) beneath.

import { startPage } from '../page.js';
import { byId } from '../dom.js';
import { renderSilos } from './silos-panel.js';
import { renderCache } from './cache-panel.js';
import { renderRuns } from './runs-panel.js';

const REFRESH_MS = 2000;

startPage('dashboard', ({ api, notices }) => {
  const updated = byId('overview-updated');
  let failing = null;

  const refresh = async () => {
    let delay = REFRESH_MS;
    try {
      const overview = await api.overview();
      renderSilos(byId('silos'), overview?.silos ?? []);
      renderCache(byId('cache'), overview?.cache ?? null);
      renderRuns(byId('dashboard-runs'), overview?.runs ?? []);
      updated.textContent = `updated ${new Date().toLocaleTimeString('en-GB')}`;
      failing?.remove();
      failing = null;
    } catch (error) {
      if (error.status === 401) return;
      // One notice for a lasting fault, not one every two seconds; 429 waits as long as the server asks.
      if (!failing?.isConnected) failing = notices.error(error, { context: 'Dashboard overview' });
      for (const id of ['silos', 'cache', 'dashboard-runs'])
        for (const status of byId(id).querySelectorAll('p.status')) status.textContent = 'No figures: the overview is not answering (see above).';
      updated.textContent = `last attempt failed at ${new Date().toLocaleTimeString('en-GB')}`;
      if (error.status === 429 && error.retryAfter) delay = Math.max(delay, error.retryAfter * 1000);
    }
    setTimeout(refresh, delay);
  };

  // The Orleans dashboard loads only once someone is signed in (and when its section is open).
  const orleans = byId('orleans');
  const frame = byId('orleans-frame');
  const loadFrame = () => { if (orleans.open && !frame.getAttribute('src')) frame.src = '/dashboard'; };
  orleans.addEventListener('toggle', loadFrame);
  loadFrame();
  refresh();
});
