#!/usr/bin/env node
// A stable file for the `azfx` bin: it exists before the first build, so pnpm can link it in the workspace.
import '../dist/cli.mjs';
