// Worklist: "select all" for the bulk-assign checkboxes. The page works without it.
document.addEventListener("change", (event) => {
  const all = event.target.closest(".select-all");
  if (!all) return;
  const table = all.closest("table");
  table.querySelectorAll('input[name="ids"]').forEach((box) => { box.checked = all.checked; });
});
