// Placeholder: replaced by the service harness (stops services this run started).
export default function setup(): void {}
