// A stand-in for the `gcloud` commands the generated Cloud Run scripts call, backed by a JSON
// state file, so their deploy / smoke-test / rollback logic runs for real without Google Cloud.
// It is NOT a model of Cloud Run beyond what those scripts read: services describe, deploy,
// services update-traffic, revisions list, secrets versions access.
//
// Environment: FAKE_GCLOUD_STATE (JSON file), FAKE_GCLOUD_LOG (one line per call),
// FAKE_TAG_URL / FAKE_SERVICE_URL (URLs the fake service reports), FAKE_SECRET (token),
// FAKE_DEPLOY_FAILS=1 (deploy exits 1).
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
appendFileSync(process.env.FAKE_GCLOUD_LOG, `gcloud ${args.join(' ')}\n`);
const statePath = process.env.FAKE_GCLOUD_STATE;
const state = existsSync(statePath) ? JSON.parse(readFileSync(statePath, 'utf8')) : { service: null, revisions: [] };
const save = () => writeFileSync(statePath, JSON.stringify(state, null, 2));
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const has = (name) => args.includes(name);
const command = args.filter((a) => !a.startsWith('-')).slice(0, 3).join(' ');

function die(message) {
  console.error(`ERROR: (gcloud) ${message}`);
  process.exit(1);
}

function ready(name) {
  return { metadata: { name, creationTimestamp: new Date(Date.now() + state.revisions.length * 1000).toISOString() },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
    spec: { containers: [{ env: [{ name: 'MCP_AUTH_TOKEN', valueFrom: { secretKeyRef: { name: 'x', key: '0' } } }] }] } };
}

if (command.startsWith('run services describe')) {
  if (!state.service) die('Cannot find service');
  console.log(JSON.stringify(state.service));
} else if (command.startsWith('run deploy')) {
  if (process.env.FAKE_DEPLOY_FAILS === '1') die('deploy failed (fake)');
  const name = args[2];
  const number = String(state.revisions.length + 1).padStart(5, '0');
  const revision = `${name}-${number}-new`;
  const entry = ready(revision);
  const [secretName, secretVersion] = (flag('--set-secrets') ?? '').replace('MCP_AUTH_TOKEN=', '').split(':');
  entry.spec.containers[0].env[0].valueFrom.secretKeyRef = { name: secretName, key: secretVersion };
  state.revisions.push(entry);
  const tag = flag('--tag');
  if (!state.service) {
    if (has('--no-traffic')) die('--no-traffic not supported when creating a new service.');
    state.service = { status: { url: process.env.FAKE_SERVICE_URL, traffic: [{ revisionName: revision, percent: 100, latestRevision: true }] } };
  }
  state.service.status.latestCreatedRevisionName = revision;
  state.service.status.latestReadyRevisionName = revision;
  if (!has('--no-traffic')) {
    state.service.status.traffic = [{ revisionName: revision, percent: 100, latestRevision: true }];
  }
  if (tag) state.service.status.traffic.push({ revisionName: revision, tag, url: process.env.FAKE_TAG_URL, percent: 0 });
  save();
} else if (command.startsWith('run services update-traffic')) {
  if (!state.service) die('Cannot find service');
  const traffic = state.service.status.traffic;
  const tagged = traffic.filter((t) => t.tag);
  if (has('--to-latest')) {
    state.service.status.traffic = [{ revisionName: state.service.status.latestReadyRevisionName, percent: 100, latestRevision: true }, ...tagged];
  } else if (flag('--to-revisions')) {
    const split = flag('--to-revisions').split(',').map((pair) => pair.split('='));
    for (const [name] of split) if (!state.revisions.some((r) => r.metadata.name === name)) die(`revision ${name} not found`);
    state.service.status.traffic = [...split.map(([revisionName, percent]) => ({ revisionName, percent: Number(percent) })), ...tagged];
  } else if (flag('--remove-tags')) {
    state.service.status.traffic = traffic.filter((t) => t.tag !== flag('--remove-tags'));
  } else {
    die('unsupported update-traffic call');
  }
  save();
} else if (command.startsWith('run revisions list')) {
  console.log(JSON.stringify([...state.revisions].reverse()));
} else if (command.startsWith('secrets versions access')) {
  process.stdout.write(process.env.FAKE_SECRET ?? '');
} else {
  die(`fake gcloud does not know: ${args.join(' ')}`);
}
