#!/usr/bin/env node
// Validates SARIF logs against the SARIF 2.1.0 JSON schema (draft-04), with
// formats checked (uri, uri-reference, date-time...), and optionally against
// what GitHub code scanning and presslint's own reports promise.
//
// Usage: node validate-sarif.mjs --schema SCHEMA [--strict] FILE...
//
// Prints one line a file, "valid FILE" or "invalid FILE: reasons", and exits
// 0 when every file is valid, 1 when one is not, 2 on a usage error.
//
// --strict adds the checks the schema cannot express: a $schema; a driver
// with name, version, semanticVersion and rules (id, name, descriptions,
// help text and markdown, default level, tags); results with a ruleId whose
// ruleIndex points at that rule, a level, a message, a relative URI with a
// uriBaseId and a full region with a snippet, and a partialFingerprints
// entry; columnKind; an invocation with exitCode and executionSuccessful.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");

function usage(message) {
  process.stderr.write(`validate-sarif: ${message}\n`);
  process.stderr.write("usage: node validate-sarif.mjs --schema SCHEMA [--strict] FILE...\n");
  process.exit(2);
}

const args = process.argv.slice(2);
let schemaPath = null;
let strict = false;
const files = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === "--schema") {
    schemaPath = args[++i];
  } else if (args[i] === "--strict") {
    strict = true;
  } else if (args[i].startsWith("--")) {
    usage(`unknown option ${args[i]}`);
  } else {
    files.push(args[i]);
  }
}
if (!schemaPath) {
  usage("--schema is required");
}
if (files.length === 0) {
  usage("no SARIF file given");
}

let schema;
try {
  schema = JSON.parse(readFileSync(schemaPath, "utf8"));
} catch (e) {
  usage(`cannot read the schema ${schemaPath}: ${e.message}`);
}

const ajv = new (Ajv.default ?? Ajv)({ allErrors: true, strict: false, validateFormats: true });
(addFormats.default ?? addFormats)(ajv);
const validate = ajv.compile(schema);

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const nonEmptyString = (v) => typeof v === "string" && v.length > 0;

// What the schema leaves optional but GitHub code scanning and presslint's
// reports need.
function strictProblems(log) {
  const problems = [];
  const need = (ok, what) => {
    if (!ok) {
      problems.push(what);
    }
  };
  need(nonEmptyString(log.$schema), "no $schema");
  need(Array.isArray(log.runs) && log.runs.length > 0, "no runs");
  for (const [r, run] of (log.runs ?? []).entries()) {
    const at = `runs[${r}]`;
    const driver = run?.tool?.driver ?? {};
    need(nonEmptyString(driver.name), `${at}: no tool.driver.name`);
    need(nonEmptyString(driver.version), `${at}: no tool.driver.version`);
    need(nonEmptyString(driver.semanticVersion), `${at}: no tool.driver.semanticVersion`);
    need(Array.isArray(driver.rules), `${at}: no tool.driver.rules`);
    const rules = driver.rules ?? [];
    for (const [i, rule] of rules.entries()) {
      const rat = `${at}.tool.driver.rules[${i}]`;
      need(nonEmptyString(rule.id), `${rat}: no id`);
      need(nonEmptyString(rule.name), `${rat}: no name`);
      need(nonEmptyString(rule.shortDescription?.text), `${rat}: no shortDescription`);
      need(nonEmptyString(rule.fullDescription?.text), `${rat}: no fullDescription`);
      need(nonEmptyString(rule.help?.text), `${rat}: no help.text`);
      need(nonEmptyString(rule.help?.markdown), `${rat}: no help.markdown`);
      need(nonEmptyString(rule.defaultConfiguration?.level), `${rat}: no defaultConfiguration.level`);
      need(Array.isArray(rule.properties?.tags) && rule.properties.tags.length > 0,
           `${rat}: no properties.tags`);
    }
    need(run.columnKind === "unicodeCodePoints", `${at}: columnKind is not unicodeCodePoints`);
    const inv = run.invocations?.[0];
    need(isObject(inv), `${at}: no invocations[0]`);
    if (isObject(inv)) {
      need(Number.isInteger(inv.exitCode), `${at}.invocations[0]: no exitCode`);
      need(typeof inv.executionSuccessful === "boolean",
           `${at}.invocations[0]: no executionSuccessful`);
    }
    for (const [i, result] of (run.results ?? []).entries()) {
      const rat = `${at}.results[${i}]`;
      need(nonEmptyString(result.ruleId), `${rat}: no ruleId`);
      need(Number.isInteger(result.ruleIndex), `${rat}: no ruleIndex`);
      if (Number.isInteger(result.ruleIndex)) {
        need(rules[result.ruleIndex]?.id === result.ruleId,
             `${rat}: ruleIndex ${result.ruleIndex} does not point at rule ${result.ruleId}`);
      }
      need(["error", "warning", "note"].includes(result.level), `${rat}: no level`);
      need(nonEmptyString(result.message?.text), `${rat}: no message.text`);
      const loc = result.locations?.[0]?.physicalLocation;
      need(isObject(loc), `${rat}: no physicalLocation`);
      const uri = loc?.artifactLocation?.uri;
      need(nonEmptyString(uri), `${rat}: no artifactLocation.uri`);
      need(!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri ?? ""), `${rat}: the URI ${uri} is absolute`);
      need(nonEmptyString(loc?.artifactLocation?.uriBaseId), `${rat}: no uriBaseId`);
      const region = loc?.region ?? {};
      for (const key of ["startLine", "startColumn", "endLine", "endColumn"]) {
        need(Number.isInteger(region[key]), `${rat}: no region.${key}`);
      }
      need(typeof region.snippet?.text === "string", `${rat}: no region.snippet.text`);
      need(isObject(result.partialFingerprints)
             && Object.keys(result.partialFingerprints).length > 0,
           `${rat}: no partialFingerprints`);
    }
  }
  return problems;
}

let failed = 0;
for (const file of files) {
  let log;
  try {
    log = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.log(`invalid ${file}: not JSON: ${e.message}`);
    ++failed;
    continue;
  }
  const problems = [];
  if (!validate(log)) {
    for (const err of validate.errors) {
      problems.push(`${err.instancePath || "/"} ${err.message}`);
    }
  }
  if (strict) {
    problems.push(...strictProblems(log));
  }
  if (problems.length === 0) {
    console.log(`valid ${file}`);
  } else {
    ++failed;
    const shown = problems.slice(0, 50).join("; ");
    const more = problems.length > 50 ? ` (and ${problems.length - 50} more)` : "";
    console.log(`invalid ${file}: ${shown}${more}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
