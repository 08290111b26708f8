-- Neovim 0.7's built-in LSP client against `presslint lsp`: the set-up the
-- README gives (vim.lsp.start_client + vim.lsp.buf_attach_client), plus a
-- handler that writes every publishDiagnostics it receives to a file.
--
-- Run by tests/nvim/run.sh:
--   PRESSLINT_BIN=... PRESSLINT_OUT=... nvim --headless -u NONE -i NONE \
--     -c 'luafile tests/nvim/lsp.lua' release.md
local bin = assert(os.getenv('PRESSLINT_BIN'), 'PRESSLINT_BIN')
local out_path = assert(os.getenv('PRESSLINT_OUT'), 'PRESSLINT_OUT')

local out = assert(io.open(out_path, 'w'))
local function write(line)
  out:write(line, '\n')
  out:flush()
end

local bufnr = vim.api.nvim_get_current_buf()
local received = {} -- versions published, in order

local client_id = vim.lsp.start_client({
  name = 'presslint',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.getcwd(),
  init_options = { offline = true },
  on_exit = function(code)
    write(string.format('exit %d', code))
  end,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      -- The version opened is 0; an edit's is the buffer's changedtick.
      local label = result.version == 0 and 'open' or 'edit'
      for _, d in ipairs(result.diagnostics) do
        write(string.format('%s %d:%d-%d:%d %d %s %s', label,
          d.range.start.line, d.range.start.character, d.range['end'].line,
          d.range['end'].character, d.severity, d.code, d.message))
      end
      write(string.format('published %s', label))
      table.insert(received, result.version or -1)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
vim.lsp.buf_attach_client(bufnr, client_id)

local function wait_for(version)
  return vim.wait(10000, function()
    for _, v in ipairs(received) do
      if v == version then
        return true
      end
    end
    return false
  end, 10)
end

local ok = wait_for(0)
if ok then
  -- An edit in the buffer: Neovim sends it as an incremental didChange.
  vim.api.nvim_buf_set_lines(bufnr, 2, 3, false,
    { '# Acme Widgets opens its third plant in Dayton!' })
  -- The diagnostics of the buffer's version after the edit.
  ok = wait_for(vim.lsp.util.buf_versions[bufnr])
  -- What Neovim made of them (0-based line, byte column).
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    write(string.format('nvim %d:%d %s', d.lnum, d.col, d.message))
  end
end
write(ok and 'done' or 'timeout')

vim.lsp.stop_client(client_id)
local exited = false
vim.wait(5000, function()
  exited = vim.lsp.get_client_by_id(client_id) == nil
  return exited
end, 10)
out:close()
vim.cmd('qall!')
