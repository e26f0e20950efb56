/** Whether dist/ holds the compiled CLI, newer than every source below pipeline/. */
export function compiled(): boolean;
