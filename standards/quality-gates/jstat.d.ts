// The part of jstat 1.9 (no bundled types) the regression gate uses.
declare module 'jstat' {
  export const jStat: {
    readonly studentt: {
      cdf(x: number, degreesOfFreedom: number): number;
      inv(probability: number, degreesOfFreedom: number): number;
    };
    readonly chisquare: {
      inv(probability: number, degreesOfFreedom: number): number;
    };
    readonly normal: {
      cdf(x: number, mean: number, standardDeviation: number): number;
      inv(probability: number, mean: number, standardDeviation: number): number;
    };
  };
}
