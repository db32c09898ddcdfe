export { describeFlowRunnerContract, type FlowRunnerContractOptions, type FlowRunnerStore } from './flow-runner-contract.ts';
