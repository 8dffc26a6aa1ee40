/**
 * The layers of ocpp-harness, bottom up. A module may import its own layer and the layers below
 * it; `npm test` runs this check (npm run deps), so a wrong-way import fails CI.
 *
 *   core                  verdicts, case metadata, versions, clock, config, manual actions, hashes
 *   protocol              OCPP-J framing, error codes, schemas, security event names
 *   pki, transport        test PKI; sockets, TLS, the recording connection, mock servers
 *   roles                 the case-facing endpoints (MockCsms, MockStation)
 *   engine                case DSL core, runner, catalogue, links; never peers or states
 *   peers fuzz load kit states reporters   reference peers, fuzzer, fleet load, case kit, reusable states, reports
 *   dsl                   what case files import (engine + kit, fault and state names as types)
 *   wiring                assembles default peers, states, selfcheck and fuzz targets
 *   cli                   commands
 */
const layer = (name) => `^src/${name}(/|\\.ts$)`;
const below = {
  core: [],
  protocol: ['core'],
  pki: ['core', 'protocol'],
  transport: ['core', 'protocol', 'pki'],
  roles: ['core', 'protocol', 'pki', 'transport'],
  engine: ['core', 'protocol', 'pki', 'transport', 'roles'],
  peers: ['core', 'protocol', 'pki', 'transport', 'roles', 'engine'],
  fuzz: ['core', 'protocol', 'pki', 'transport', 'roles', 'engine'],
  load: ['core', 'protocol', 'pki', 'transport', 'roles', 'engine'],
  kit: ['core', 'protocol', 'pki', 'transport', 'roles', 'engine', 'fuzz'],
  states: ['core', 'protocol', 'pki', 'transport', 'roles', 'engine', 'fuzz', 'kit'],
  reporters: ['core', 'protocol', 'engine'],
  dsl: ['core', 'protocol', 'pki', 'transport', 'roles', 'engine', 'kit', 'peers', 'states'],
  wiring: ['core', 'protocol', 'pki', 'transport', 'roles', 'engine', 'peers', 'fuzz', 'load', 'kit', 'states', 'reporters'],
  cli: ['core', 'protocol', 'pki', 'transport', 'roles', 'engine', 'peers', 'fuzz', 'load', 'kit', 'states', 'reporters', 'dsl', 'wiring'],
};
const all = Object.keys(below);

module.exports = {
  forbidden: [
    ...all.map((name) => ({
      name: `layer-${name}`,
      comment: `src/${name} may import only ${below[name].length ? below[name].join(', ') : 'nothing of ours'} (and itself)`,
      severity: 'error',
      from: { path: layer(name) },
      to: { path: '^src/', pathNot: [layer(name), ...below[name].map(layer)] },
    })),
    {
      name: 'cases-import-dsl-and-kit',
      comment: 'a case file imports only the DSL and the case kit (and node built-ins)',
      severity: 'error',
      from: { path: '^testcases/' },
      to: { path: '^src/', pathNot: ['^src/dsl\\.ts$', layer('kit')] },
    },
    {
      name: 'no-cycles',
      comment: 'no import cycles (type-only imports included)',
      severity: 'error',
      from: { path: '^(src|testcases)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
