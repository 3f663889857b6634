// What every page shares: the header (navigation, who is signed in), the sign-in gate and the notice area.
// A page's own code runs only once someone is signed in; signing out reloads the page so nothing of the
// previous user's stays on screen.

import { LensApi } from './api.js';
import { h, byId, replace } from './dom.js';
import { Notices } from './notices.js';

const LINKS = [
  ['chat', '/', 'Chat'],
  ['research', '/research.html', 'Research'],
  ['dashboard', '/dashboard.html', 'Dashboard'],
];

/** Starts a page: `start({api, notices, user})` runs when (or as soon as) a user is signed in. */
export function startPage(name, start) {
  const api = new LensApi();
  const notices = new Notices(byId('notices'));
  const header = byId('top');
  const gate = byId('sign-in');
  const content = byId('content');

  const show = () => {
    renderHeader(header, api, name);
    const signedIn = api.signedIn;
    gate.hidden = signedIn;
    content.hidden = !signedIn;
    if (!signedIn) {
      renderGate(gate, api, notices);
      const reason = api.takeSignedOutReason();
      if (reason) notices.error({ status: 401, title: 'Your session ended', detail: reason });
    }
    return signedIn;
  };

  let started = show();
  api.addEventListener('session', () => {
    if (!api.signedIn) { location.reload(); return; }
    show();
    if (!started) { started = true; notices.clear(); start({ api, notices, user: api.userName }); }
  });
  if (started) checkSession(api).then(valid => { if (valid) start({ api, notices, user: api.userName }); });
}

/** A stored token may have expired or come from another server: ask before the page starts. A refusal (401)
 *  ends the session, which reloads the page onto the sign-in form; any other failure lets the page try. */
async function checkSession(api) {
  try {
    await api.me();
    return true;
  } catch (error) {
    return error.status !== 401;
  }
}

function renderHeader(header, api, current) {
  replace(header,
    h('a.brand', { href: '/' }, 'Lens Cluster'),
    h('nav', {}, LINKS.map(([key, href, label]) =>
      h('a', { href, 'aria-current': key === current ? 'page' : undefined }, label))),
    h('div.user', {},
      api.signedIn
        ? [h('span#user-name', { title: 'signed in' }, api.userName),
           h('button#sign-out', { type: 'button', onclick: () => api.signOut() }, 'Sign out')]
        : h('span.muted', {}, 'not signed in')));
}

function renderGate(gate, api, notices) {
  const input = h('input#sign-in-name', { name: 'name', autocomplete: 'username', required: true, maxLength: 64, placeholder: 'e.g. alice' });
  const button = h('button#sign-in-button', { type: 'submit' }, 'Sign in');
  const form = h('form.card.sign-in', {
    onsubmit: async e => {
      e.preventDefault();
      const name = input.value.trim();
      if (!name) { notices.error({ status: 400, title: 'Enter a name to sign in' }); return; }
      button.disabled = true;
      try {
        await api.signIn(name);
      } catch (error) {
        notices.error(error, { context: 'Sign-in failed' });
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h1', {}, 'Sign in'),
  h('p.muted', {}, 'Development sign-in: any name becomes your user; your conversations and runs are yours alone.'),
  h('label', { htmlFor: 'sign-in-name' }, 'Name'),
  input,
  button);
  replace(gate, form);
  input.focus();
}
