#!/usr/bin/env node
// The `opentao` command. The packages run from their TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
