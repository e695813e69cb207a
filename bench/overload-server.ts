/** The benchmark server child with the overload probe listening first (bench/overload.ts --probe). */
await import('./overload-probe.ts');
await import('./server-child.ts');
