import './login.css';

// The server answers a refused sign-in with /login?failed; a protected page it sent here with ?next=.
const params = new URLSearchParams(window.location.search);
if (params.has('failed')) {
  document.getElementById('login-error').hidden = false;
}
const next = params.get('next');
if (next && next.startsWith('/') && !next.startsWith('//')) {
  document.querySelector('input[name=next]').value = next;
}
