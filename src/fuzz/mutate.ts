/*
 * The fuzzer's mutations. The implementation lives in ./mutate/ (one module per mutation
 * family); this module keeps the public import path that src/, test/ and testcases/ use.
 */
export {
  type Expectation,
  type Mutation,
  type MutationCategory,
  type MutationOptions,
  type MutatorName,
  type Violation,
  expectedErrorCodes,
  malformationOfMutation,
  mutations,
} from './mutate/index.js';
