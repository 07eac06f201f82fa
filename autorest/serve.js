#!/usr/bin/env node
// Starts the AutoRest test server (npm `@microsoft.azure/autorest.testserver`)
// the way armgen's conformance tests need it, which its own CLI cannot:
//
// - over HTTPS: generated clients send bearer tokens and so refuse plain
//   `http` endpoints (as azure_core does); the tests make a self-signed
//   certificate and trust exactly it;
// - on 127.0.0.1 only (the CLI listens on every interface) and on a port the
//   kernel picks (port 0), so parallel runs never collide; the chosen port is
//   printed as `LISTENING <port>` on stdout for the harness to read.
//
// Usage: node serve.js PACKAGE_DIR CERT_PEM KEY_PEM COVERAGE_DIR
//
// The server is the package's own `ApiMockApp` (what `autorest-testserver
// run` starts): the same routes, and the same coverage reports
// (`report-azure.json`, `report-vanilla.json`, `report-optional.json`)
// written to COVERAGE_DIR as scenarios are exercised.
"use strict";

const fs = require("fs");
const https = require("https");
const path = require("path");

const [packageDir, certFile, keyFile, coverageDirectory] = process.argv.slice(2);
if (!coverageDirectory) {
  console.error("usage: node serve.js PACKAGE_DIR CERT_PEM KEY_PEM COVERAGE_DIR");
  process.exit(2);
}
const tls = { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) };

// The package's server calls `express().listen(port, callback)`; the express
// it loads is the one resolved from the package, so that is the one patched.
const express = require(require.resolve("express", { paths: [packageDir] }));
express.application.listen = function listen(_port, callback) {
  const server = https.createServer(tls, this);
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(`LISTENING ${server.address().port}\n`);
    if (callback) callback();
  });
  return server;
};

// The harness stops the server by its PID (SIGTERM); exit at once then.
process.on("SIGTERM", () => process.exit(0));

const { ApiMockApp } = require(path.join(packageDir, "dist", "app"));
new ApiMockApp({ port: 0, coverageDirectory, appendCoverage: false })
  .start()
  .catch((error) => {
    console.error("the AutoRest test server did not start:", error);
    process.exit(1);
  });
