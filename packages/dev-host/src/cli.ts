#!/usr/bin/env node
console.log("azfx");
