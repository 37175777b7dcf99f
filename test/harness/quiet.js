// n8n-core logs every node error through its own console logger; in unit tests the assertions
// speak for themselves, so the logger stays silent unless a run asks for it.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
