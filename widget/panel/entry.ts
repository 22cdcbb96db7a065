/** The panel chunk: the dialog, loaded by widget.js on first use. */
import { announce } from "../chunk";
import type { PanelModule } from "../types";
import { mount } from "./mount";

announce({ mount } satisfies PanelModule);
