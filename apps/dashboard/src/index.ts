// The dashboard app is a process (src/server/main.ts); its server lives in @ledgerline/dashboard-http.
export {};
