-- Vim's and Neovim's quickfix list from the text output, with the makeprg
-- and errorformat the README gives; writes the entries to PRESSLINT_OUT.
local out = assert(io.open(assert(os.getenv('PRESSLINT_OUT')), 'w'))
vim.cmd([[set makeprg=presslint\ --no-show-source\ --color\ never\ %]])
vim.cmd([[set errorformat=%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m,%f:%l:%c:\ %tote:\ %m,%-G%.%#]])
vim.cmd('silent make!')
for _, e in ipairs(vim.fn.getqflist()) do
  out:write(string.format('%s:%d:%d %s %s\n', vim.fn.bufname(e.bufnr), e.lnum, e.col, e.type, e.text))
end
out:close()
vim.cmd('qall!')
