/**
 * The rows of maps compared side by side: stages with the same key share a row; a stage only some
 * maps have gets its own row, after the stage it follows in the first map that has it.
 */
export function mergeStageKeys(maps: readonly { stages: readonly { key: string }[] }[]): string[] {
  const order: string[] = [];
  for (const map of maps) {
    let after = -1;
    for (const { key } of map.stages) {
      const at = order.indexOf(key);
      if (at >= 0) after = at;
      else {
        order.splice(after + 1, 0, key);
        after += 1;
      }
    }
  }
  return order;
}
